/**
 * Storage's batch limit: `getTempFileURL` (storage.batchGetDownloadUrl) and `deleteFile`
 * (storage.batchDeleteFile) take at most 50 files a call ("一次最多取 50 个",
 * https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/storage/Cloud.getTempFileURL.html).
 * The documentation names no error code for a longer list; the emulator answers INVALID_PARAM,
 * the code CloudBase gives a malformed storage request.
 */
import { EmulatorError } from '../contracts';

export const MAX_FILES_PER_BATCH = 50;

const BATCH_LIST: Record<string, { field: string; api: string }> = {
  'storage.batchGetDownloadUrl': { field: 'file_list', api: 'getTempFileURL' },
  'storage.batchDeleteFile': { field: 'fileid_list', api: 'deleteFile' },
};

/** Throws CloudBase's error when a batch storage action names more than 50 files. */
export function assertBatchSize(action: string, body: Record<string, unknown>): void {
  const batch = BATCH_LIST[action];
  const list = batch ? body[batch.field] : undefined;
  if (batch && Array.isArray(list) && list.length > MAX_FILES_PER_BATCH) {
    throw new EmulatorError(
      'INVALID_PARAM',
      `${batch.api} takes at most ${MAX_FILES_PER_BATCH} files a call, not ${list.length} (${batch.field}): ask in pages of ${MAX_FILES_PER_BATCH}`,
    );
  }
}
