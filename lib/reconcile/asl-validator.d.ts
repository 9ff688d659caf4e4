// asl-validator 4.0.0 ships no type declarations; the part the definition tests use.
declare module "asl-validator" {
  interface AslValidatorError {
    "Error code"?: string;
    Message?: string;
  }
  function aslValidator(
    definition: unknown,
    options?: { checkPaths?: boolean; checkArn?: boolean },
  ): { isValid: boolean; errors: AslValidatorError[]; errorsText: (separator?: string) => string };
  export default aslValidator;
}
