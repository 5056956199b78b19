import type { CodegenConfig } from '@graphql-codegen/cli';

// Typed operations from the server's schema: a schema change that breaks an
// operation of src/graphql fails `npm run build`.
const config: CodegenConfig = {
  schema: ['../schema/*.graphqls', 'federation.graphql'],
  documents: ['src/graphql/*.graphql'],
  ignoreNoDocuments: false,
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        enumsAsTypes: true,
        useTypeImports: true,
        scalars: { DateTime: 'string', Date: 'string', JSON: 'Record<string, unknown>', Upload: 'File' },
      },
    },
  },
};
export default config;
