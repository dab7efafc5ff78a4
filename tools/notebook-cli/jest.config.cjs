module.exports = { ...require('../../jest.preset.cjs'), displayName: 'notebook-cli', rootDir: __dirname };
