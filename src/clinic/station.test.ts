import type { ClinicStation } from '@core/api/clinic';
import { dialable, stationOf, stationText, webMapUrl } from './station';

const station: ClinicStation = {
  name: '兴平工业社区服务联络站',
  nameEn: 'Xingping Community Liaison Station',
  address: '平湖市兴平路 66 号',
  latitude: 30.70893,
  longitude: 121.04127,
  phone: '0573-85012345',
};

describe('the 服务联络站 on the clinic screens', () => {
  it('names the station in the reader language, falling back to Chinese', () => {
    expect(stationText(station, 'en')).toEqual({ name: 'Xingping Community Liaison Station', address: '平湖市兴平路 66 号' });
    expect(stationText(station, 'zh-CN')).toEqual({ name: '兴平工业社区服务联络站', address: '平湖市兴平路 66 号' });
  });

  it('dials a landline without its extension, anything else as written', () => {
    expect(dialable('0573-85012345-801')).toBe('0573-85012345');
    expect(dialable('0573-85012345转801')).toBe('0573-85012345');
    expect(dialable('0573-85012345')).toBe('0573-85012345');
    expect(dialable('13857301234')).toBe('13857301234');
    expect(dialable('400-820-8820')).toBe('400-820-8820');
  });

  it('opens the web map at the GCJ-02 point, longitude first as Amap wants', () => {
    const url = new URL(webMapUrl(station, station.name));
    expect(url.origin + url.pathname).toBe('https://uri.amap.com/marker');
    expect(url.searchParams.get('position')).toBe('121.04127,30.70893');
    expect(url.searchParams.get('coordinate')).toBe('gaode');
    expect(url.searchParams.get('name')).toBe('兴平工业社区服务联络站');
  });

  it('saves a station only when every required part is there and the coordinates are numbers', () => {
    const draft = { name: ' 联络站 ', nameEn: '', address: '兴平路 66 号', addressEn: ' ', latitude: '30.7', longitude: '121.04', phone: '0573-85012345' };
    expect(stationOf(draft)).toEqual({ name: '联络站', address: '兴平路 66 号', latitude: 30.7, longitude: 121.04, phone: '0573-85012345' });
    expect(stationOf({ ...draft, latitude: 'north' })).toBeUndefined();
    expect(stationOf({ ...draft, longitude: '' })).toBeUndefined();
    expect(stationOf({ ...draft, phone: '  ' })).toBeUndefined();
  });
});
