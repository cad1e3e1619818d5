import type { QaActions } from '@core/contract';
import { ErrorCodes } from '@core/api/errors';
import type { FaqHit, QuestionDetail } from '@core/api/qa';
import { ApiError, toApiError } from '../../services/api-error';
import { newIdempotencyKey } from '../../services/idempotency';
import { qaApi } from '../../services/api/qa';
import { uploadPhoto, type PhotoFile } from '../../services/upload.service';
import { useAppStore } from '..';
import type { LoadStatus } from '../types';
import type { QaSlice } from './qa-types';

/** Quiet time after the last keystroke before asking for similar FAQ entries. */
export const SIMILAR_DEBOUNCE_MS = 400;
/** Shorter text finds nothing useful. */
export const SIMILAR_MIN_CHARS = 4;
/** The function reads at most this much text (title and description together). */
export const SIMILAR_MAX_CHARS = 500;
export const MAX_PHOTOS = 3;

export type { PhotoFile };

/**
 * Uploads a photo of the signed-in person straight to cloud storage, into their own folder;
 * answers the fileID a function takes. `key` names the file, so a retry overwrites the same one.
 */
export function uploadMyPhoto(file: PhotoFile, key: string): Promise<string> {
  const openid = useAppStore.getState().me?.openid;
  if (!openid) return Promise.reject(new ApiError(ErrorCodes.AUTH_REQUIRED, 'sign in to add photos'));
  return uploadPhoto(openid, key, file);
}

export interface Photo {
  localId: string;
  previewUrl: string;
  status: 'uploading' | 'ready' | 'error';
  fileID?: string;
  error?: ApiError;
  /** The upload's key and the file's name in storage: a retry of the same photo overwrites the same file. */
  key: string;
  file: PhotoFile;
}

export interface QaAskSlice {
  similar: { text: string; items: FaqHit[]; status: LoadStatus };
  /** Called on every keystroke: debounced; only the answer for the latest text is kept. */
  typeSimilar: (text: string) => void;
  /** Photos per draft ('ask', or 'thread:<questionId>' for an answer or reply). */
  drafts: Record<string, Photo[]>;
  addPhoto: (draft: string, file: PhotoFile) => Promise<void>;
  retryPhoto: (draft: string, localId: string) => Promise<void>;
  removePhoto: (draft: string, localId: string) => void;
  clearDraft: (draft: string) => void;
  /** The fileIDs of a draft's uploaded photos; throws while one is still uploading. */
  draftFileIds: (draft: string) => string[];
  /** Asks with the ask draft's photos; the question page opens with the answer. */
  ask: (input: Omit<QaActions['ask']['in'], 'attachments'>, idempotencyKey: string) => Promise<QuestionDetail>;
}

export class PhotosPendingError extends Error {
  constructor() {
    super('photos still uploading');
    this.name = 'PhotosPendingError';
  }
}

export const createQaAskSlice: QaSlice<QaAskSlice> = (set, get) => {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let seq = 0;
  let localSeq = 0;

  const patchPhoto = (draft: string, localId: string, patch: Partial<Photo>) => {
    const list = get().drafts[draft];
    if (!list) return;
    set({ drafts: { ...get().drafts, [draft]: list.map((p) => (p.localId === localId ? { ...p, ...patch } : p)) } });
  };

  const upload = async (draft: string, photo: Photo) => {
    patchPhoto(draft, photo.localId, { status: 'uploading', error: undefined });
    try {
      const fileID = await uploadMyPhoto(photo.file, photo.key);
      patchPhoto(draft, photo.localId, { status: 'ready', fileID });
    } catch (e) {
      patchPhoto(draft, photo.localId, { status: 'error', error: toApiError(e) });
    }
  };

  return {
    similar: { text: '', items: [], status: 'idle' },
    typeSimilar: (text) => {
      if (timer) clearTimeout(timer);
      const mine = ++seq;
      const q = text.trim().slice(0, SIMILAR_MAX_CHARS);
      if (q.length < SIMILAR_MIN_CHARS) {
        set({ similar: { text: q, items: [], status: 'idle' } });
        return;
      }
      timer = setTimeout(() => {
        timer = undefined;
        set({ similar: { ...get().similar, status: 'loading' } });
        qaApi.similar({ text: q, limit: 5 }).then(
          (items) => {
            if (mine === seq) set({ similar: { text: q, items, status: 'ready' } });
          },
          () => {
            // Deflection is a help, not a step: on failure the form simply shows no suggestions.
            if (mine === seq) set({ similar: { text: q, items: [], status: 'error' } });
          },
        );
      }, SIMILAR_DEBOUNCE_MS);
    },

    drafts: {},
    addPhoto: async (draft, file) => {
      const list = get().drafts[draft] ?? [];
      if (list.length >= MAX_PHOTOS) return;
      const photo: Photo = { localId: `p${++localSeq}`, previewUrl: file.previewUrl, status: 'uploading', key: newIdempotencyKey(), file };
      set({ drafts: { ...get().drafts, [draft]: [...list, photo] } });
      await upload(draft, photo);
    },
    retryPhoto: async (draft, localId) => {
      const photo = get().drafts[draft]?.find((p) => p.localId === localId);
      if (photo && photo.status === 'error') await upload(draft, photo);
    },
    removePhoto: (draft, localId) => {
      const list = get().drafts[draft] ?? [];
      set({ drafts: { ...get().drafts, [draft]: list.filter((p) => p.localId !== localId) } });
    },
    clearDraft: (draft) => {
      const { [draft]: _gone, ...rest } = get().drafts;
      set({ drafts: rest });
    },
    draftFileIds: (draft) => {
      const list = get().drafts[draft] ?? [];
      if (list.some((p) => p.status === 'uploading')) throw new PhotosPendingError();
      return list.filter((p) => p.status === 'ready' && p.fileID).map((p) => p.fileID!);
    },

    ask: async (input, key) => {
      const attachments = get().draftFileIds('ask');
      const question = await qaApi.ask({ ...input, ...(attachments.length ? { attachments } : {}) }, key);
      get().clearDraft('ask');
      get().adoptQuestion(question);
      const mine = get().mine;
      if (mine.status === 'ready') set({ mine: { ...mine, items: [question, ...mine.items.filter((q) => q.id !== question.id)] } });
      if (timer) clearTimeout(timer);
      seq++;
      set({ similar: { text: '', items: [], status: 'idle' } });
      return question;
    },
  };
};
