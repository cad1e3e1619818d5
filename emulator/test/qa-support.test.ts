/**
 * What the qa function needs from the emulator: `security.msgSecCheck` answered from the local
 * word list (v2 and v1 shapes), and an index on an array field serving `$in` under strict
 * indexes (FAQ search stores each entry's terms as an array with an index on it).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ContentWords, riskyWordIn } from '../src/wx/content-words';
import { WxOpenApi } from '../src/wx/open-api';
import { startDbHarness, type DbHarness } from './helpers/db-harness';

describe('security.msgSecCheck on the emulator', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'emu-wx-'));
  const wx = new WxOpenApi({ dataDir, h5BaseUrl: 'http://127.0.0.1:10086' });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const check = async (requestData: Record<string, unknown>) => {
    const res = (await wx.handle('wx.api', { apiName: 'security.msgSecCheck', requestData: JSON.stringify(requestData) }, { requestId: 'r1' })) as { data: { responseData: string } };
    return JSON.parse(res.data.responseData);
  };

  it('passes ordinary text (v2)', async () => {
    expect(await check({ content: '工伤认定需要哪些材料？', version: 2, scene: 1, openid: 'o-1' })).toMatchObject({ errcode: 0, result: { suggest: 'pass', label: 100 } });
  });

  it('flags every listed word, whatever the case or width (v2)', async () => {
    for (const { word, label } of ContentWords) {
      const res = await check({ content: `请问 ${word.toUpperCase()} 怎么办`, version: 2, scene: 1, openid: 'o-1' });
      expect([word, res.result]).toEqual([word, { suggest: 'risky', label }]);
    }
    expect(riskyWordIn('ＦＵＣＫ')?.word).toBe('fuck');
  });

  it('answers 87014 for risky text in v1 and validates v2 inputs', async () => {
    expect(await check({ content: '办假证' })).toMatchObject({ errcode: 87014 });
    expect(await check({ content: '你好' })).toMatchObject({ errcode: 0 });
    expect(await check({ content: '你好', version: 2, scene: 1 })).toMatchObject({ errcode: 40003 });
    expect(await check({ content: '', version: 2, scene: 1, openid: 'o' })).toMatchObject({ errcode: 47001 });
    expect(await check({ content: '你好', version: 2, scene: 9, openid: 'o' })).toMatchObject({ errcode: 40097 });
  });
});

describe('an index on an array field serves $in under strict indexes', () => {
  let h: DbHarness;
  beforeAll(async () => {
    h = await startDbHarness({ indexes: [{ collection: 'faq', name: 'terms', keys: { terms: 1 } }] });
    await h.createCollections('faq');
    await h.db.collection('faq').add([
      { _id: 'a', terms: ['工伤', '伤认', '认定'], published: true },
      { _id: 'b', terms: ['社保', '保基', '基数'], published: true },
      { _id: 'c', terms: ['工伤', '待遇'], published: false },
    ]);
    h.database.setStrictIndexes('all');
  });
  afterAll(() => h.close());

  it('finds every document holding any of the terms, with other conditions alongside', async () => {
    const _ = h.db.command;
    const before = h.database.stats().scans.indexed;
    const hits = await h.db.collection('faq').where({ terms: _.in(['工伤', '基数']) }).get();
    expect(hits.data.map((d: { _id: string }) => d._id).sort()).toEqual(['a', 'b', 'c']);
    const published = await h.db.collection('faq').where({ published: true, terms: _.in(['工伤']) }).field({ terms: true }).get();
    expect(published.data.map((d: { _id: string }) => d._id)).toEqual(['a']);
    expect(h.database.stats().scans.indexed).toBe(before + 2);
    await expect(h.db.collection('faq').where({ published: true }).get()).rejects.toMatchObject({ code: 'DATABASE_QUERY_NOT_INDEXED' });
  });
});
