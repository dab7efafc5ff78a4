module.exports = { ...require('../../jest.preset.cjs'), displayName: 'synth-output', rootDir: __dirname };
