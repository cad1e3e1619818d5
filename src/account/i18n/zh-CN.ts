/**
 * 我的数据 / 注销账号 strings (简体中文), loaded with the account subpackage so they do not weigh on
 * the main package. The 我的 row and the ACCOUNT.* error messages live in src/i18n.
 */
const accountZhCN = {
  'account.title': '我的数据与注销',
  'account.data.title': '我的数据',
  'account.data.text': '下载一份本服务保存的关于您的全部信息：个人资料，以及您提过的问题、留言、预约、值班、诉求、评价、走访记录、消息和通知授权等。文件为 Excel 表格，每类记录一页。',
  'account.data.private': '文件只生成给您本人，下载链接 10 分钟内有效；再次下载会生成新文件并删除旧文件。',
  'account.data.download': '下载我的数据',
  'account.data.ready': '已生成 {{file}}，共 {{n}} 条记录。',
  'account.data.open': '打开文件',
  'account.data.openFailed': '文件打开失败，请重试。',
  'account.delete.title': '注销账号',
  'account.delete.intro': '注销后，我们将按《个人信息保护法》删除或匿名化您的个人信息：',
  'account.delete.removed': '删除：您的姓名、电话、所在单位、个人设置、消息和通知授权；您上传的照片从存储中删除。',
  'account.delete.kept': '匿名保留：您提过的问题、预约、诉求、评价等办理记录会保留，用于社区的统计数字，但不再含有您的姓名、电话和微信身份。',
  'account.delete.duties': '有待办的角色须先交接：志愿者今后的值班和代班邀请、认领中尚未答复的问题、今后的坐诊预约。',
  'account.delete.fresh': '注销不可恢复。以后再扫码进入，将作为新用户重新开始，与原记录没有关联。',
  'account.delete.first': '如需保留，请先下载我的数据。',
  'account.delete.start': '注销账号',
  'account.delete.confirmTitle': '确认注销？',
  'account.delete.confirmText': '此操作不可撤销。点击“确认注销”后，您的账号将被删除。',
  'account.delete.confirm': '确认注销',
  'account.delete.keep': '暂不注销',
  'account.delete.resume': '上次注销尚未完成，请点击“继续注销”完成。',
  'account.delete.continue': '继续注销',
  'account.open.title': '请先处理以下事项：',
  'account.open.duties': '今后的值班 {{n}} 个：请交接给同事或取消',
  'account.open.handovers': '待处理的代班邀请 {{n}} 个',
  'account.open.claims': '认领中尚未答复的问题 {{n}} 个：请答复或释放',
  'account.open.bookings': '今后的坐诊预约 {{n}} 个：请取消',
  'account.open.go': '去处理',
  'account.done.title': '账号已注销',
  'account.done.text': '您的个人信息已删除，办理记录已匿名保留。注销编号：{{ref}}',
  'account.done.home': '返回首页',
  'account.guest': '您还没有账号，无需注销。',
};

export type AccountMessageKey = keyof typeof accountZhCN;
export type AccountMessages = Record<AccountMessageKey, string>;

export default accountZhCN as AccountMessages;
