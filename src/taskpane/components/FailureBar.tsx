import { MessageBar, MessageBarBody, makeStyles } from "@fluentui/react-components";

// A refusal may list one problem per line.
const useStyles = makeStyles({ lines: { whiteSpace: "pre-line" } });

/** What went wrong, in Chinese, where the clerk is looking; nothing when nothing did. */
export function FailureBar({ text }: { text: string | null | undefined }) {
  const styles = useStyles();
  return text ? (
    <MessageBar intent="error">
      <MessageBarBody className={styles.lines}>{text}</MessageBarBody>
    </MessageBar>
  ) : null;
}
