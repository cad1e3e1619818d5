// One Jest run, three projects: pure rules + server + functions (node), the emulator (node),
// and the app (jsdom, plus the weapp build rendered by miniprogram-simulate).
module.exports = {
  projects: ['<rootDir>/jest.node.config.js', '<rootDir>/emulator/jest.config.js', '<rootDir>/jest.app.config.js'],
};
