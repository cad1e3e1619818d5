module.exports = {
  displayName: 'node',
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/{core,server,cloudfunctions,scripts,test}/**/*.test.ts'],
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest'] },
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  testTimeout: 60000,
};
