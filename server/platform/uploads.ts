import { ErrorCodes } from '../../core/api/errors';
import { isOwnPhoto } from '../../core/rules/uploads';
import { DomainError } from '../kernel/errors';
import { temporaryUrls } from './storage';

/**
 * The photos a caller attaches: each must be in the caller's own upload folder
 * (`uploads/<openid>/…`, where the app uploads straight to storage) and still exist. Anything
 * else — another person's file, a made-up fileID, a deleted one — is FILE.NOT_YOURS, and nothing
 * is written. Duplicates are dropped.
 */
export async function ownPhotos(openid: string, fileIDs: string[] | undefined, field: string): Promise<string[]> {
  const files = [...new Set(fileIDs ?? [])];
  if (files.length === 0) return files;
  if (files.some((f) => !isOwnPhoto(openid, f))) throw new DomainError(ErrorCodes.FILE_NOT_YOURS, 'attach only photos you uploaded', { [field]: 'not your file' });
  const found = await temporaryUrls(files, 60);
  if (files.some((f) => !found.has(f))) throw new DomainError(ErrorCodes.FILE_NOT_YOURS, 'a photo you attached does not exist', { [field]: 'missing file' });
  return files;
}
