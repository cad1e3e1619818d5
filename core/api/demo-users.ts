/**
 * Demo users seeded by `npm start` (scripts/seed.ts) and listed by the H5 dev login.
 * Only development builds show them.
 */
import type { Role } from './roles';

export interface DemoUser {
  openid: string;
  role: Role;
  name: string;
  /** What the dev login shows under the name (zh). */
  note: string;
}

export const DemoUsers: DemoUser[] = [
  { openid: 'demo-worker-li', role: 'worker', name: '李小红', note: '职工 · 嘉兴甬森汽车零部件 · 冲压车间' },
  { openid: 'demo-worker-zhao', role: 'worker', name: '赵建国', note: '职工 · 兴平精密模具' },
  { openid: 'demo-manager-wang', role: 'manager', name: '王海燕', note: '企业联络员 · 嘉兴甬森汽车零部件' },
  { openid: 'demo-manager-schmidt', role: 'manager', name: 'Anna Schmidt', note: 'Enterprise manager · Brenner Precision Machinery (Pinghu)' },
  { openid: 'demo-lawyer-chen', role: 'volunteer', name: '陈律师', note: '律师 · 浙江平湖律师事务所' },
  { openid: 'demo-accountant-liu', role: 'volunteer', name: '刘会计', note: '会计师 · 嘉兴正信会计师事务所' },
  { openid: 'demo-tax-zhou', role: 'volunteer', name: '周税务师', note: '税务师 · 平湖税务师事务所' },
  { openid: 'demo-applicant-xu', role: 'volunteer', name: '徐律师', note: '律师（待审核）· 嘉兴禾信律师事务所' },
  { openid: 'demo-finance-sun', role: 'volunteer', name: '孙专员', note: '银行金融专员 · 嘉兴银行平湖支行' },
  { openid: 'demo-staff-zhang', role: 'staff', name: '张敏', note: '社区工作者 · 兴平工业社区' },
  { openid: 'demo-instructor-huang', role: 'instructor', name: '黄志强', note: '党建指导员 · 兴平工业社区' },
  { openid: 'demo-unit-hr', role: 'unit', name: '吴科长', note: '成员单位 · 市人力社保局' },
  { openid: 'demo-admin', role: 'admin', name: '管理员', note: '系统管理员' },
  { openid: 'demo-district-qian', role: 'district', name: '钱主任', note: '区级督导 · 平湖市经信局（各工业社区）' },
];
