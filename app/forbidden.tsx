import { Forbidden } from "./_components/forbidden";

export default function ForbiddenPage() {
  return <Forbidden />;
}
