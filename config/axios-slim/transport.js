// Stands in for axios's XMLHttpRequest and fetch adapters (see config/axiosSlim.ts): the app sends
// every request through its own adapter over Taro.request (src/services/api/taroAdapter.ts), so
// axios never looks these up. `false` is what axios itself exports where a transport is missing.
export const getFetch = () => false
export default false
