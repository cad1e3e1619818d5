export default definePageConfig({ navigationBarTitleText: '专业志愿者申请' });
