import { Button, MessageBar, MessageBarActions, MessageBarBody } from "@fluentui/react-components";

export interface ShownMessage {
  intent: "success" | "error" | "warning" | "info";
  text: string;
}

/** An outcome above the page or the grid, until the clerk dismisses it; an error is announced as an alert. */
export function DismissibleMessage({ message, onDismiss }: { message: ShownMessage | null; onDismiss: () => void }) {
  if (!message) return null;
  return (
    <MessageBar intent={message.intent} role={message.intent === "error" ? "alert" : "status"}>
      <MessageBarBody>{message.text}</MessageBarBody>
      <MessageBarActions>
        <Button size="small" appearance="transparent" onClick={onDismiss}>
          知道了
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}
