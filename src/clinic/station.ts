/**
 * The 服务联络站 (where the clinic sits) as the clinic screens show and edit it: pure helpers,
 * no Taro (tested in station.test.ts).
 */
import type { ClinicStation } from '@core/api/clinic';

/** The station's name and address in the reader's language (the Chinese one when there is no English). */
export function stationText(station: ClinicStation, locale: string): { name: string; address: string } {
  const en = locale === 'en';
  return { name: (en && station.nameEn) || station.name, address: (en && station.addressEn) || station.address };
}

/**
 * A map of the station in the browser: Amap's marker page, which takes GCJ-02 coordinates as
 * stored (`coordinate=gaode`) and needs no key (https://lbs.amap.com/api/uri-api/guide/mobile-web/point).
 */
export function webMapUrl(station: ClinicStation, name: string): string {
  // Built by hand: the WeChat JS engine has no URLSearchParams.
  const q = { position: `${station.longitude},${station.latitude}`, name, coordinate: 'gaode', callnative: '0', src: 'industrial-community-service-desk' };
  return `https://uri.amap.com/marker?${Object.entries(q).map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}`;
}

/** The number to dial: a landline without its extension (0573-85012345-801 → 0573-85012345), else as written. */
export function dialable(phone: string): string {
  return /^(0\d{2,3}-?\d{7,8})(?:(?:-|转)\d{1,6})$/.exec(phone)?.[1] ?? phone;
}

/** The station form's text fields. */
export type StationDraft = Record<keyof ClinicStation, string>;

export const stationDraft = (s?: ClinicStation): StationDraft => ({
  name: s?.name ?? '',
  nameEn: s?.nameEn ?? '',
  address: s?.address ?? '',
  addressEn: s?.addressEn ?? '',
  latitude: s ? String(s.latitude) : '',
  longitude: s ? String(s.longitude) : '',
  phone: s?.phone ?? '',
});

/** The draft as the station to save, or undefined while a required part is missing or not a number. */
export function stationOf(d: StationDraft): ClinicStation | undefined {
  const latitude = Number(d.latitude.trim());
  const longitude = Number(d.longitude.trim());
  if (!d.name.trim() || !d.address.trim() || !d.phone.trim() || !d.latitude.trim() || !d.longitude.trim()) return undefined;
  if (!Number.isFinite(latitude) || !Number.isFinite(longitude)) return undefined;
  return {
    name: d.name.trim(),
    ...(d.nameEn.trim() ? { nameEn: d.nameEn.trim() } : {}),
    address: d.address.trim(),
    ...(d.addressEn.trim() ? { addressEn: d.addressEn.trim() } : {}),
    latitude,
    longitude,
    phone: d.phone.trim(),
  };
}
