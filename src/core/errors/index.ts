export { describeProviderError, type DescribeContext, type ProviderErrorAction, type ProviderErrorDescription, type ProviderOperation } from './describeProviderError';
export { describeFileError, errorMessage } from './errorText';
