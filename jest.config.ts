import type { Config } from 'jest'

// Two environments: plain Node for rules, server and contract tests; jsdom for components.
const shared = {
  transform: { '^.+\\.[jt]sx?$': 'babel-jest' },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'jsx', 'json'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  // cookie 2.x (pulled in by fastify.inject) ships ESM only; let Babel turn it into CommonJS.
  transformIgnorePatterns: ['/node_modules/(?!cookie/)'],
}

const config: Config = {
  // scrypt and SM2 make some server tests slow on a busy 2-core machine; the default 5 s is too tight.
  testTimeout: 30_000,
  projects: [
    {
      ...shared,
      displayName: 'node',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/unit/**/*.test.ts', '<rootDir>/test/server/**/*.test.ts'],
    },
    {
      ...shared,
      displayName: 'component',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/test/component/**/*.test.tsx'],
      // Taro's own React components (ESM), which the H5 build's light View and Text are held to.
      transformIgnorePatterns: ['/node_modules/(?!cookie/|@tarojs/components-react/)'],
      moduleNameMapper: {
        '^@tarojs/components$': '<rootDir>/test/mocks/tarojs-components.tsx',
        '^@tarojs/taro$': '<rootDir>/test/mocks/tarojs-taro.ts',
        '\\.(css|scss)$': '<rootDir>/test/mocks/style.ts',
      },
    },
    {
      ...shared,
      displayName: 'contract',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/contract/**/*.contract.test.ts'],
      globalSetup: '<rootDir>/test/contract/globalSetup.ts',
      globalTeardown: '<rootDir>/test/contract/globalTeardown.ts',
    },
    {
      // The compiled Alipay app: one build (globalSetup) checked for its files and run headless.
      ...shared,
      displayName: 'alipay',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/build/**/*.test.ts', '<rootDir>/test/alipay-runtime/**/*.alipay.test.ts'],
      globalSetup: '<rootDir>/test/alipay-runtime/globalSetup.ts',
    },
    {
      // Crash and load: the real server as a child process, killed with SIGKILL under 200 simulated people.
      ...shared,
      displayName: 'resilience',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/resilience/**/*.resilience.test.ts'],
    },
    {
      ...shared,
      displayName: 'e2e',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e.test.ts'],
      globalSetup: '<rootDir>/test/e2e/globalSetup.ts',
      globalTeardown: '<rootDir>/test/e2e/globalTeardown.ts',
    },
  ],
}

export default config
