import { View } from '@tarojs/components';

/** One big figure with its label (dashboards, the district overview). */
export function Stat({ value, label, warn, testId }: { value: number | string; label: string; warn?: boolean; testId?: string }) {
  return (
    <View className="console-stat" data-testid={testId} data-value={String(value)}>
      <View className={`console-stat__value${warn ? ' console-stat__value--warn' : ''}`}>{value}</View>
      <View className="console-stat__label">{label}</View>
    </View>
  );
}
