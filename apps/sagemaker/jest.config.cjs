module.exports = { ...require('../../jest.preset.cjs'), displayName: 'sagemaker', rootDir: __dirname };
