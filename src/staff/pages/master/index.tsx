import { CuratorRoles } from '@core/api/roles';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { PageShell } from '../../../components/page-shell';
import { Card, PageHead } from '../../../components/ui';
import { useConsoleT, type ConsoleMessageKey } from '../../i18n';
import { StaffGate } from '../../staff-gate';
import '../../console.css';


/** Each master-data screen, wherever it lives (the catalogue and the clinic calendar belong to their features). */
const LINKS: Array<{ key: string; url: string }> = [
  { key: 'enterprises', url: '/staff/pages/enterprises/index' },
  { key: 'units', url: '/staff/pages/units/index' },
  { key: 'catalogue', url: '/tickets/pages/catalogue/index' },
  { key: 'volunteers', url: '/staff/pages/volunteers/index' },
  { key: 'roster', url: '/clinic/pages/roster/index' },
  { key: 'holidays', url: '/staff/pages/holidays/index' },
];

/** 基础数据: one place to reach every list the service runs on. */
export default function MasterPage() {
  const t = useConsoleT();
  return (
    <PageShell titleKey="title.master" rootProps={{ 'data-testid': 'staff-master' }}>
      <PageHead title={t('staffNav.master')} subtitle={t('console.master.subtitle')} />
      <StaffGate roles={CuratorRoles}>
        <Card>
          <View className="tiles">
            {LINKS.map((l) => (
              <View key={l.key} className="tile" hoverClass="btn--hover" data-testid={`master-${l.key}`} onClick={() => void Taro.navigateTo({ url: l.url })}>
                <View className="tile__title">{t(`console.master.${l.key}` as ConsoleMessageKey)}</View>
                <View className="tile__text">{t(`console.master.${l.key}.text` as ConsoleMessageKey)}</View>
              </View>
            ))}
          </View>
        </Card>
      </StaffGate>
    </PageShell>
  );
}
