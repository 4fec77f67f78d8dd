import { Image } from 'antd-mobile';
import { PictureOutline } from 'antd-mobile-icons';

/** A product photo on a soft background; a neutral placeholder when the product has none. */
export function ProductImage({
  src,
  alt,
  className,
}: {
  src: string | null | undefined;
  alt: string;
  className?: string;
}) {
  return (
    <div className={`product-image ${className ?? ''}`}>
      {src ? (
        <Image src={src} alt={alt} fit="contain" lazy width="100%" height="100%" />
      ) : (
        <PictureOutline className="product-image-placeholder" aria-hidden="true" />
      )}
    </div>
  );
}
