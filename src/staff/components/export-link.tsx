import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { createElement, useState } from 'react';
import type { ExportResult } from '@core/api/console';
import { Btn } from '../../components/ui';
import { isH5 } from '../../env';
import { useConsoleT } from '../i18n';

/**
 * Mini-program: fetch the temp file under its own name (企业诉求-2026-12-05.xlsx, not a random temp
 * name) and open it in WeChat's document viewer, whose menu saves or forwards it by that name.
 */
async function openInWeapp(url: string, fileName: string): Promise<void> {
  const filePath = `${Taro.env.USER_DATA_PATH}/${fileName}`;
  const res = await Taro.downloadFile({ url, filePath });
  if (res.statusCode !== 200) throw new Error(`download ${res.statusCode}`);
  await Taro.openDocument({ filePath: res.filePath || filePath, fileType: 'xlsx', showMenu: true });
}

/** The export just made: rows and file, and its temporary link (H5: a real link; weapp: download and open). */
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
              openInWeapp(result.url, result.fileName).catch(() => setFailed(true));
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
