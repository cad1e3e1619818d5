export * from './envelope';
export * from './errors';
export * from './roles';
export * from './user';
export * from './admin';
export * from './demo-users';
export * from './qa';
export * from './clinic';
