/**
 * Hands a file to the browser as a download (files behind the bearer token are fetched through the
 * API client as blobs first). The click starts the download synchronously; the URL is released once
 * the browser has it.
 */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
