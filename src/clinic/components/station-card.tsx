import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { ClinicStation } from '@core/api/clinic';
import { Btn } from '../../components/ui';
import { isWeapp } from '../../env';
import { useAppStore } from '../../store';
import { useClinicT } from '../i18n';
import { dialable, stationText, webMapUrl } from '../station';

/**
 * Where the clinic sits: the 服务联络站's name, address and phone, with 查看地图 (WeChat's own map
 * through wx.openLocation, which needs no location permission; a web map in H5) and 拨打电话.
 */
export function StationCard({ station }: { station: ClinicStation }) {
  const t = useClinicT();
  const locale = useAppStore((s) => s.locale);
  const [mapFailed, setMapFailed] = useState(false);
  const { name, address } = stationText(station, locale);

  const openMap = () => {
    setMapFailed(false);
    if (isWeapp()) {
      Taro.openLocation({ latitude: station.latitude, longitude: station.longitude, name, address, scale: 17 }).catch(() => setMapFailed(true));
      return;
    }
    if (!window.open(webMapUrl(station, name), '_blank', 'noopener')) setMapFailed(true);
  };
  const call = () => void Taro.makePhoneCall({ phoneNumber: dialable(station.phone) }).catch(() => undefined);

  return (
    <View className="clinic-station" data-testid="clinic-station">
      <View className="clinic-station__name">{name}</View>
      <View className="clinic-station__line" data-testid="clinic-station-address">
        {address}
      </View>
      <View className="clinic-station__line" data-testid="clinic-station-phone">
        {t('clinic.station.phone', { phone: station.phone })}
      </View>
      {mapFailed ? <View className="muted">{t('clinic.station.mapFailed')}</View> : null}
      <View className="btn-row">
        <Btn small kind="secondary" onClick={openMap} testId="clinic-station-map">
          {t('clinic.station.map')}
        </Btn>
        <Btn small kind="secondary" onClick={call} testId="clinic-station-call">
          {t('clinic.station.call')}
        </Btn>
      </View>
    </View>
  );
}
