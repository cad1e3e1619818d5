module.exports = {
  displayName: 'app',
  rootDir: __dirname,
  testEnvironment: 'jsdom',
  testMatch: ['<rootDir>/src/**/*.test.{ts,tsx}', '<rootDir>/test-app/**/*.test.{ts,tsx}'],
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { transform: { react: { runtime: 'automatic' } } } }] },
  moduleNameMapper: { '^@/(.*)$': '<rootDir>/src/$1', '^@core/(.*)$': '<rootDir>/core/$1', '\\.css$': '<rootDir>/test-app/support/style-stub.js' },
  testTimeout: 60000,
  // Builds the weapp into dist/ when it is missing or older than src/ and config/ (test-app/*.test.ts render it).
  globalSetup: '<rootDir>/test-app/global-setup.ts',
};
