// Refusals of the executions domain (AWS said no, a pasted event is unusable); the message is for the operator.
import { OperatorError } from "@/lib/errors";

/** Step Functions / EventBridge refused an execution operation, or its input cannot be used. */
export class ExecutionRefusedError extends OperatorError {}
