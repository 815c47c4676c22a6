/**
 * Loaded by mocha before the tests (.mocharc.yml). Tests that call the AWS layer in this process
 * construct SDK clients as the CLI does, so they get the CLI's process policy for the SDK's
 * Node-version warning (src/cli/core/process-policy.ts): a passing run prints no warnings.
 */
import {hideSdkNodeSupportWarning} from '../../src/cli/core/process-policy.js'

hideSdkNodeSupportWarning()
