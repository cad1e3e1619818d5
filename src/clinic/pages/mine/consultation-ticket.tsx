import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { ConsultationView } from '@core/api/clinic';
import { Btn } from '../../../components/ui';
import { useT } from '../../../i18n';
import { ticketDraftUrl } from './ticket-draft';

/** 转为诉求 / 查看诉求 on an attended consultation (issue #4). */
export function ConsultationTicket({ b }: { b: ConsultationView }) {
  const t = useT();
  if (b.ticketId) {
    return (
      <View className="btn-row">
        <Btn small kind="ghost" onClick={() => void Taro.navigateTo({ url: `/tickets/pages/detail/index?id=${encodeURIComponent(b.ticketId!)}` })} testId="clinic-booking-ticket">
          {t('consultation.viewTicket')}
        </Btn>
      </View>
    );
  }
  if (!b.can.toTicket) return null;
  return (
    <View className="btn-row">
      <Btn small kind="secondary" onClick={() => void Taro.navigateTo({ url: ticketDraftUrl(b) })} testId="clinic-booking-to-ticket">
        {t('consultation.toTicket')}
      </Btn>
    </View>
  );
}
