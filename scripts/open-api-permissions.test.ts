/**
 * 云调用 permissions: WeChat cloud lets a function call an open API only if its config.json lists
 * it under `permissions.openapi` (else errcode -604101, which the emulator answers too). Each
 * function declares exactly the open APIs its bundle calls: none missing (it would fail in
 * production and on the emulator), none extra (least privilege). Bundles come from the global setup.
 */
import { functionNames } from './build-functions';
import { declaredOpenApis, openApisInBundle } from './open-api-usage';

describe.each(functionNames())('cloudfunctions/%s/config.json permissions.openapi', (fn) => {
  it('lists exactly the open APIs the function calls', () => {
    expect(declaredOpenApis(fn)).toEqual(openApisInBundle(fn));
  });
});

it('finds the open APIs in a bundle (the search is not vacuous)', () => {
  expect(functionNames().flatMap((fn) => openApisInBundle(fn))).toEqual(expect.arrayContaining(['subscribeMessage.send', 'security.msgSecCheck', 'wxacode.getUnlimited']));
});
