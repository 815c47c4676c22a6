'use strict'
// oclif's internal logging. The real `debug` package probes the terminal when it loads; it is
// loaded only when DEBUG asks for output, otherwise every logger is a no-op.
function silent() {
  const log = () => {}
  log.enabled = false
  log.namespace = ''
  log.extend = () => silent()
  log.log = log
  log.destroy = () => true
  return log
}

module.exports = function createDebug(namespace) {
  return process.env.DEBUG ? require('debug/src/index.js')(namespace) : silent()
}
