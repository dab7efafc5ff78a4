module.exports = { ...require('../../jest.preset.cjs'), displayName: 'stack-kit', rootDir: __dirname };
