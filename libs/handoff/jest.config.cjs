module.exports = { ...require('../../jest.preset.cjs'), displayName: 'handoff', rootDir: __dirname };
