// Stylesheets are irrelevant to component tests.
export default {}
