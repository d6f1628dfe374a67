import { Dropdown, Option } from "@fluentui/react-components";

/** A dropdown over plain text choices, showing and returning the chosen text (inside a Field for its label). */
export function ChoiceDropdown({ value, choices, onChoose }: { value: string; choices: readonly string[]; onChoose: (choice: string | undefined) => void }) {
  return (
    <Dropdown value={value} selectedOptions={[value]} onOptionSelect={(_, d) => onChoose(d.optionValue)}>
      {choices.map((c) => (
        <Option key={c} value={c}>
          {c}
        </Option>
      ))}
    </Dropdown>
  );
}
