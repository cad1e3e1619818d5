module.exports = {
  displayName: 'node',
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/{core,server,cloudfunctions,scripts,test}/**/*.test.ts'],
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest'] },
  testTimeout: 60000,
};
