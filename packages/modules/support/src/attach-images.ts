// Images on a ticket or chat message: uploads (`POST /v1/uploads`, staff `POST /v1/admin/uploads`)
// attached by their ids — at most 9 on a ticket message, one on a chat message; only images; each
// only by its uploader and only once (support's upload records decide, the same rule feedback uses).
import type { Executor } from '@zulin/db';
import { SupportErrors } from './errors';
import { SupportLimits } from './limits';
import type { AttachedFile } from './schema';
import { attachUploads } from './uploads/upload-records';

/** The uploads a message names, and the keyed hash of who is sending it (`uploadOwnerIndex`). */
export interface ImagesToAttach {
  ownerIndex: string;
  uploadIds: readonly string[];
}

export async function attachImages(
  tx: Executor,
  options: { images: ImagesToAttach | undefined; attachedTo: string; max: number; path: string },
): Promise<AttachedFile[]> {
  const ids = options.images?.uploadIds ?? [];
  if (ids.length === 0 || options.images === undefined) return [];
  if (ids.length > options.max) {
    throw SupportErrors.SUPPORT_ATTACHMENTS_TOO_MANY({
      detail: `Got ${ids.length} images; at most ${options.max}.`,
      errors: [{ path: options.path, message: `at most ${options.max} images` }],
    });
  }
  const files = await attachUploads(tx, {
    ownerIndex: options.images.ownerIndex,
    uploadIds: ids,
    attachedTo: options.attachedTo,
  });
  if (files === null) {
    throw SupportErrors.SUPPORT_ATTACHMENT_NOT_FOUND({
      errors: [{ path: options.path, message: 'Not your upload, attached already, or named twice' }],
    });
  }
  if (files.some((f) => f.kind !== 'image')) {
    throw SupportErrors.SUPPORT_ATTACHMENT_NOT_IMAGE({ errors: [{ path: options.path, message: 'images only' }] });
  }
  return files;
}

export const ticketImagesMax = SupportLimits.imagesPerMessageMax;
