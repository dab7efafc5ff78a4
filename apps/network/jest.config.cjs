module.exports = { ...require('../../jest.preset.cjs'), displayName: 'network', rootDir: __dirname };
