// One Jest run, three projects: pure rules + server + functions (node), the emulator (node),
// and the app (jsdom, plus the weapp build rendered by miniprogram-simulate).
// testTimeout is a global option (ignored inside a project's config): function tests start an
// emulator and build bundles, which takes seconds on a 2-core machine.
module.exports = {
  testTimeout: 120000,
  projects: ['<rootDir>/jest.node.config.js', '<rootDir>/emulator/jest.config.js', '<rootDir>/jest.app.config.js'],
};
