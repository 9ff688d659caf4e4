// asl-validator 4.0.0 ships no type declarations; this is the part of its API the states service uses.
declare module "asl-validator" {
  interface AslValidatorError {
    "Error code"?: string;
    Message?: string;
    schemaError?: { instancePath?: string };
  }
  function aslValidator(
    definition: unknown,
    options?: { checkPaths?: boolean; checkArn?: boolean },
  ): { isValid: boolean; errors: AslValidatorError[]; errorsText: (separator?: string) => string };
  export default aslValidator;
}
