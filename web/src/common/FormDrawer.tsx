import { Button, type ButtonProps, Drawer, Space } from 'antd';
import type { ReactNode } from 'react';

/**
 * A button that opens a form in a drawer, with 取消 and the submit button at its top: the shape of
 * every "fill in and send" screen of the console. The caller keeps the open and busy state.
 */
export function FormDrawer(props: {
  trigger: string;
  triggerProps?: ButtonProps;
  title: string;
  submitLabel: string;
  open: boolean;
  busy: boolean;
  onOpenChange: (open: boolean) => void;
  onSubmit: () => void;
  children: ReactNode;
}) {
  const { trigger, triggerProps, title, submitLabel, open, busy, onOpenChange, onSubmit, children } = props;
  return (
    <>
      <Button {...triggerProps} onClick={() => onOpenChange(true)}>
        {trigger}
      </Button>
      <Drawer
        title={title}
        open={open}
        onClose={() => onOpenChange(false)}
        size="large"
        extra={
          <Space>
            <Button onClick={() => onOpenChange(false)}>取消</Button>
            <Button type="primary" loading={busy} onClick={onSubmit}>
              {submitLabel}
            </Button>
          </Space>
        }
      >
        {children}
      </Drawer>
    </>
  );
}
