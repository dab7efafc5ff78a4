module.exports = { ...require('../../jest.preset.cjs'), displayName: 'terraform-check', rootDir: __dirname };
