// Stylesheets imported by components (Taro bundles them; Jest has nothing to do with them).
module.exports = {};
