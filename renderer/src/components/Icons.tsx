/** Small inline SVG icons (16px, currentColor). Decorative: the buttons carry the accessible names. */

interface IconProps {
  readonly className?: string;
}

function Svg({ className, children }: IconProps & { readonly children: React.ReactNode }) {
  return (
    <svg
      className={className ?? 'icon'}
      width="16"
      height="16"
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.5"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {children}
    </svg>
  );
}

export function PencilIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M11.2 2.3a1.5 1.5 0 0 1 2.1 0l.4.4a1.5 1.5 0 0 1 0 2.1L6 12.5 2.5 13.5l1-3.5z" />
    </Svg>
  );
}

export function TrashIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M2.5 4h11M6 4V2.5h4V4M4 4l.7 9.5h6.6L12 4M6.8 6.5v4.5M9.2 6.5v4.5" />
    </Svg>
  );
}

export function FileIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M4 1.5h5l3.5 3.5v9.5h-8.5zM9 1.5V5h3.5" />
    </Svg>
  );
}

export function FolderIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M1.5 3.5h4.5l1.5 1.5h7v8.5h-13z" />
    </Svg>
  );
}

export function CloseIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M4 4l8 8M12 4l-8 8" />
    </Svg>
  );
}

export function LogoMark(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M1.5 11.5 5 6l3 3.5L11 4l3.5 7.5" />
      <path d="M8 1.5v13" strokeDasharray="1.5 1.5" />
    </Svg>
  );
}

export function UploadIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M8 10.5V2M4.5 5.5 8 2l3.5 3.5M2 10.5v3h12v-3" />
    </Svg>
  );
}

export function GraphIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <circle cx="3.5" cy="3.5" r="2" />
      <circle cx="12.5" cy="5" r="2" />
      <circle cx="6" cy="12.5" r="2" />
      <path d="M5.4 4.1l5.2.6M4.2 5.4l1.3 5.2M11.2 6.6l-3.8 4.5" />
    </Svg>
  );
}

export function SegmentIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <rect x="1.5" y="1.5" width="13" height="13" rx="1.5" />
      <rect x="3.5" y="4" width="4" height="8.5" rx="1" />
      <rect x="9" y="4" width="3.5" height="4" rx="1" />
    </Svg>
  );
}
