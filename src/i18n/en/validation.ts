/** Why a setting's value cannot be used ({{setting}} is the setting's name). */
export const validation = {
  notANumber: '{{setting}} must be a number.',
  notWhole: '{{setting}} must be a whole number.',
  range: '{{setting}} must be {{low}} and {{high}} (got {{value}}).',
  atLeast: 'at least {{min}}',
  moreThan: 'more than {{min}}',
  atMost: 'at most {{max}}',
  lessThan: 'less than {{max}}',
  notOnOff: '{{setting}} must be on or off.',
  unknownChoice: '{{setting}}: unknown choice "{{value}}".',
  batchOverData: 'Batch size must not exceed the {{images}} training images.',
  unreadable: '{{setting}}: cannot read "{{value}}".',
  urlFallback: '{{problem}} Using the default, {{fallback}}.',
  urlUnknown: 'Ignored unknown URL setting "{{key}}".',
};
