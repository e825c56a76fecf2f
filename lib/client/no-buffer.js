// The browser build's stand-in for Node's `buffer`. lib0 names `Buffer` only on its Node code path, which
// a browser never takes, and the bundler would otherwise ship a 9 KB polyfill to every board page.
export const Buffer = undefined;
export default { Buffer };
