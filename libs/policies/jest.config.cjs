module.exports = { ...require('../../jest.preset.cjs'), displayName: 'policies', rootDir: __dirname };
