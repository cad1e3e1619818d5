import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { createElement, useState } from 'react';
import type { ExportResult } from '@core/api/console';
import { Btn } from '../../components/ui';
import { isH5 } from '../../env';
import { ensureCloud } from '../../services/transport';
import { useConsoleT } from '../i18n';

/**
 * Mini-program: the file comes straight from cloud storage by its fileID (`wx.cloud.downloadFile`:
 * no download domain to configure, unlike `downloadFile` on the temporary link), is copied under
 * its own name (企业诉求-2026-12-05.xlsx, not a random temp name) and opens in WeChat's document
 * viewer, whose menu saves or forwards it by that name.
 */
async function openInWeapp(fileID: string, fileName: string): Promise<void> {
  ensureCloud();
  const { tempFilePath } = await Taro.cloud.downloadFile({ fileID });
  let filePath = tempFilePath;
  try {
    const named = `${Taro.env.USER_DATA_PATH}/${fileName}`;
    Taro.getFileSystemManager().copyFileSync(tempFilePath, named);
    filePath = named;
  } catch {
    // No room or an old client: open the download as it is, under its temporary name.
  }
  await Taro.openDocument({ filePath, fileType: 'xlsx', showMenu: true });
}

/** The export just made: rows and file (H5: its temporary link; weapp: downloaded from cloud storage and opened). */
export function ExportLink({ result }: { result: ExportResult }) {
  const t = useConsoleT();
  const [failed, setFailed] = useState(false);
  return (
    <View className="code-box" data-testid="export-result" data-rows={String(result.rows)} data-url={result.url}>
      <View>{t('console.exports.ready', { file: result.fileName, n: result.rows })}</View>
      <View style={{ marginTop: '8px' }}>
        {isH5() ? (
          createElement('a', { href: result.url, target: '_blank', rel: 'noopener', download: result.fileName, className: 'btn btn--small', 'data-testid': 'export-download' }, t('console.exports.download'))
        ) : (
          <Btn
            small
            onClick={() => {
              setFailed(false);
              openInWeapp(result.fileID, result.fileName).catch(() => setFailed(true));
            }}
            testId="export-download"
          >
            {t('console.exports.download')}
          </Btn>
        )}
      </View>
      {failed ? <View className="field__error">{t('console.exports.openFailed')}</View> : null}
      <View className="muted">{t('console.exports.linkHint')}</View>
    </View>
  );
}
