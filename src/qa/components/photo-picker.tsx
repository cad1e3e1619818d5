import { Image, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { errorMessage } from '../../i18n';
import { useQaT } from '../i18n';
import { useAppStore } from '../../store';
import { MAX_PHOTOS, useQaStore, type Photo } from '../../store/qa';
import { pickPhotos } from './pick-photos';

const refused = (p: Photo) => !!p.error && (p.error.code.startsWith('FILE.') || p.error.code === 'INPUT.INVALID' || p.error.code === 'CONTENT.REJECTED');

/** Up to 3 photos for a draft: picked, uploaded at once, shown with their state. */
export function PhotoPicker({ draft }: { draft: string }) {
  const t = useQaT();
  const locale = useAppStore((s) => s.locale);
  const photos = useQaStore((s) => s.drafts[draft]) ?? [];
  const addPhoto = useQaStore((s) => s.addPhoto);
  const retryPhoto = useQaStore((s) => s.retryPhoto);
  const removePhoto = useQaStore((s) => s.removePhoto);

  const add = async () => {
    const files = await pickPhotos(MAX_PHOTOS - (useQaStore.getState().drafts[draft]?.length ?? 0));
    await Promise.all(files.map((f) => addPhoto(draft, f)));
  };

  return (
    <View className="qa-photos" data-testid="qa-photos">
      {photos.map((p) => (
        <View key={p.localId} className={`qa-photo qa-photo--${p.status}`} data-testid="qa-photo" data-status={p.status}>
          <Image className="qa-photo__img" src={p.previewUrl} mode="aspectFill" />
          {p.status === 'uploading' ? <View className="qa-photo__state">{t('qa.photo.uploading')}</View> : null}
          {p.status === 'error' ? (
            // A refused file (too large, not an image) cannot succeed again; a lost upload can.
            <View className="qa-photo__state qa-photo__state--error" onClick={() => (refused(p) ? undefined : void retryPhoto(draft, p.localId))}>
              {p.error ? errorMessage(locale, p.error.code) : t('qa.photo.failed')}
              {refused(p) ? '' : ` · ${t('common.retry')}`}
            </View>
          ) : null}
          <View className="qa-photo__remove" onClick={() => removePhoto(draft, p.localId)} role="button" aria-label={t('qa.photo.remove')}>
            ×
          </View>
        </View>
      ))}
      {photos.length < MAX_PHOTOS ? (
        <View className="qa-photo qa-photo--add" onClick={() => void add()} data-testid="qa-photo-add" role="button">
          <View className="qa-photo__plus">+</View>
          <View className="qa-photo__label">{t('qa.photo.add')}</View>
        </View>
      ) : null}
    </View>
  );
}

/** Attached photos of a question or message; tap to see them large. */
export function PhotoStrip({ urls }: { urls: string[] }) {
  if (!urls.length) return null;
  return (
    <View className="qa-photos">
      {urls.map((u) => (
        <View key={u} className="qa-photo" data-testid="qa-attachment">
          <Image className="qa-photo__img" src={u} mode="aspectFill" onClick={() => void Taro.previewImage({ urls, current: u }).catch(() => undefined)} />
        </View>
      ))}
    </View>
  );
}
