module.exports = { ...require('../../jest.preset.cjs'), displayName: 'access-report', rootDir: __dirname };
